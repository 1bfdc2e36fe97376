// Short Chinese, Japanese and Korean articles get their language through extract → clean → text,
// and a long Chinese article with an early space is read whole. Fictional texts.
import { describe, expect, it } from 'vitest';
import { createText } from '../../src/pipeline/text/index.js';
import { clean } from './pipeline.js';

const text = createText();
const languageOf = (content: string): { code: string; source: string } => {
  const [part] = clean(content);
  const article = text(part!).value;
  return { code: article.language.code, source: article.language.source };
};

const ZH = '北京时间周一上午，市政府宣布新的公交线路将于下月开通。负责人表示，这条线路连接老城区与新建的港口工业园，预计每天可以服务三万名乘客。';
const JA = '市議会は火曜日、新しい交通計画を承認した。計画によると、谷のバスは十五分ごとに運行し、来年の春には二つの新しい路線が開通する。';
const KO = '시의회는 화요일 새로운 교통 계획을 승인했다. 계획에 따르면 계곡의 버스는 15분마다 운행하고 내년 봄에는 두 개의 새 노선이 개통된다.';

describe('language of short CJK articles', () => {
  it.each([
    ['zh', ZH],
    ['ja', JA],
    ['ko', KO],
  ])('detects %s from its first sentence alone, with no declared language', (code, body) => {
    expect(languageOf(body.slice(0, body.search(/[。.]/u) + 1))).toEqual({ code, source: 'detected' });
  });

  it('reads a Chinese article whose only space stands after its opening date line', () => {
    const body = `2026年3月2日 ${ZH.repeat(8)}`;
    expect(body.length).toBeGreaterThan(400);
    expect(languageOf(body)).toEqual({ code: 'zh', source: 'detected' });
  });
});
