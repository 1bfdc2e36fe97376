import { francAll } from 'franc';
import { describe, expect, it } from 'vitest';
import { identifyLanguage, rankLanguages } from '../../src/pipeline/text/language.js';

const CANDIDATES = ['eng', 'fra', 'deu', 'spa', 'por', 'ita', 'nld', 'rus', 'ukr', 'pol', 'tur', 'swe', 'arb', 'heb', 'hin', 'cmn', 'jpn', 'kor'];

// Fictional lines in several languages and scripts, and edge cases.
const SAMPLES = [
  'The harbour council of Port Veskin voted on Tuesday to close the old ferry pier until the spring.',
  'Le conseil du port de Veskin a voté mardi la fermeture du vieux quai jusqu’au printemps prochain.',
  'Der Hafenrat von Veskin hat am Dienstag beschlossen, den alten Fähranleger bis zum Frühjahr zu schließen.',
  'El consejo del puerto de Veskin votó el martes cerrar el viejo muelle hasta la primavera.',
  'O conselho do porto de Veskin votou na terça-feira o encerramento do velho cais até à primavera.',
  'Il consiglio del porto di Veskin ha votato martedì la chiusura del vecchio molo fino alla primavera.',
  'De havenraad van Veskin stemde dinsdag om de oude veerpier tot de lente te sluiten.',
  'Портовый совет Вескина во вторник проголосовал за закрытие старого причала до весны.',
  'Портова рада Вескіна у вівторок проголосувала за закриття старого причалу до весни.',
  'Rada portu w Veskin zagłosowała we wtorek za zamknięciem starego nabrzeża do wiosny.',
  'Veskin liman konseyi salı günü eski iskelenin bahara kadar kapatılmasına karar verdi.',
  'Hamnrådet i Veskin röstade på tisdagen för att stänga den gamla färjebryggan till våren.',
  'صوت مجلس ميناء فيسكين يوم الثلاثاء على إغلاق الرصيف القديم حتى الربيع.',
  'מועצת הנמל של וסקין הצביעה ביום שלישי על סגירת המזח הישן עד האביב.',
  'वेस्किन बंदरगाह परिषद ने मंगलवार को पुराने घाट को वसंत तक बंद करने के लिए मतदान किया।',
  '维斯金港口委员会周二投票决定关闭旧码头直到春天。',
  'ヴェスキン港湾評議会は火曜日、古い桟橋を春まで閉鎖することを決めた。',
  '베스킨 항만 위원회는 화요일 오래된 부두를 봄까지 폐쇄하기로 의결했다.',
  'Mixed: the council (le conseil) said 2,400 people — die Leute — were affected.',
  '12 345 678 — 2024-05-06',
  'ab',
  '',
];

describe('language ranking', () => {
  it('ranks the candidate languages exactly as franc does, scores and order alike', () => {
    for (const text of SAMPLES) expect(rankLanguages(text, CANDIDATES), text).toEqual(francAll(text, { only: [...CANDIDATES], minLength: 1 }));
  });

  it('identifies the languages of the samples from their text', () => {
    expect(identifyLanguage(SAMPLES[0]!, undefined).code).toBe('en');
    expect(identifyLanguage(SAMPLES[2]!, undefined).code).toBe('de');
    expect(identifyLanguage(SAMPLES[7]!, undefined).code).toBe('ru');
  });
});
