/**
 * The ingest page: upload files (or give URLs) to start an ingest job, then follow its progress
 * from the job status endpoint until it finishes. When the server has a token, the reader gives it
 * here; it is kept for this tab only.
 */
import { ApiError, getJson, readJson, type JobStatus } from './api.js';
import { h, replace } from './dom.js';

const POLL_MS = 400;

/** Render the ingest page into `root`. */
export function renderIngestPage(root: HTMLElement): void {
  const status = h('div', { class: 'job', aria: { live: 'polite' } });
  const files = h('input', { type: 'file', name: 'files', multiple: true });
  const urls = h('textarea', { name: 'urls', placeholder: 'https://… (one URL a line)' });
  const token = h('input', { type: 'password', name: 'token', placeholder: 'only when the server has PARALLAX_TOKEN', value: sessionStorage.getItem('parallax-token') ?? '' });

  const start = async (body: BodyInit, json: boolean) => {
    const t = token.value.trim();
    if (t) sessionStorage.setItem('parallax-token', t);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (json) headers['content-type'] = 'application/json';
    if (t) headers.authorization = `Bearer ${t}`;
    replace(status, h('p', { class: 'muted' }, 'Sending…'));
    try {
      const { jobId } = await readJson<{ jobId: string }>(await fetch('/api/ingest', { method: 'POST', body, headers }));
      await follow(jobId, status);
    } catch (e) {
      replace(status, h('p', { class: 'error' }, e instanceof ApiError ? `${e.code}: ${e.message}` : String(e)));
    }
  };

  const uploadForm = h('form', {
    class: 'upload',
    onsubmit: (e) => {
      e.preventDefault();
      if (!files.files || files.files.length === 0) return;
      const data = new FormData();
      for (const f of Array.from(files.files)) data.append('files', f, f.name);
      void start(data, false);
    },
  }, h('label', { class: 'field' }, h('span', {}, 'Files (HTML, text, feeds, WARC, archives)'), files), h('button', { type: 'submit' }, 'Upload and ingest'));

  const urlForm = h('form', {
    class: 'urls',
    onsubmit: (e) => {
      e.preventDefault();
      const list = urls.value.split(/\s+/).filter((u) => u !== '');
      if (list.length > 0) void start(JSON.stringify({ urls: list }), true);
    },
  }, h('label', { class: 'field' }, h('span', {}, 'Or URLs'), urls), h('button', { type: 'submit' }, 'Fetch and ingest'));

  replace(root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Stories')),
    h('h1', {}, 'Ingest'),
    h('label', { class: 'field token' }, h('span', {}, 'Token'), token),
    uploadForm, urlForm, status);
}

/** Poll job `id` and show its progress until it finishes. */
async function follow(id: string, el: HTMLElement): Promise<void> {
  for (;;) {
    const job = await getJson<JobStatus>(`/api/jobs/${encodeURIComponent(id)}`);
    const total = job.progress.total ?? job.inputs;
    replace(el,
      h('p', { class: `state ${job.state}` }, `Job ${job.id}: ${job.state}`),
      h('progress', { value: String(job.progress.done), data: { max: String(total) } }),
      h('p', {}, `${job.progress.done} of ${total} inputs read · ${job.progress.articles} articles · ${job.progress.failed} failed`),
      job.failures.length > 0 ? h('ul', { class: 'failures' }, ...job.failures.map((f) => h('li', {}, `${f.input}: ${f.code} — ${f.message}`))) : null,
      job.summary ? h('p', { class: 'summary' }, `Done: ${job.summary.added} documents added (${job.summary.skipped} already stored), ${job.summary.articles} articles, ${job.summary.storiesChanged} stories changed. `, h('a', { href: '#/' }, 'See the stories')) : null,
      job.error ? h('p', { class: 'error' }, `${job.error.code}: ${job.error.message}`) : null);
    const bar = el.querySelector('progress');
    if (bar) bar.max = Math.max(1, total);
    if (job.state === 'succeeded' || job.state === 'failed') return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
