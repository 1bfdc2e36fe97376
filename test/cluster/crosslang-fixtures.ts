/**
 * Fictional events told by fictional outlets in English, French, German and Spanish (one in Arabic), for the
 * cross-language grouping tests. Three events in one fictional province share names (the province
 * of Tarsk, its governor Ilse Brandvik, the river Orlan), so a false cross-language merge shows.
 */
import type { ClusterInput } from '../../src/pipeline/cluster/index.js';

/** Event 1: the Orlan floods Velmora (12 May 2031): 14 dead, 3,200 evacuated; also told in Arabic, its names in Arabic script. */
export const flood: ClusterInput[] = [
  {
    id: 'flood-en-1',
    language: 'en',
    published: '2031-05-12T18:00:00Z',
    title: 'Orlan floods kill 14 in Velmora as 3,200 flee',
    text:
      'The river Orlan burst its banks in Velmora on May 12, killing 14 people and forcing 3,200 residents from their homes, Governor Ilse Brandvik said.\n' +
      'Water reached 2.4 metres in the old town of Velmora, the Tarsk civil protection office said. Rescuers from the Kessby fire brigade used boats to reach the Marrin district.\n' +
      'Brandvik said the Velmora dike gave way at 04:30 after three days of rain. The Tarsk provincial government opened 11 shelters.',
  },
  {
    id: 'flood-en-2',
    language: 'en',
    published: '2031-05-13T09:00:00Z',
    title: 'Velmora counts cost of Orlan flood',
    text:
      'Residents of Velmora returned to mud-filled streets on Tuesday, a day after the Orlan flood that killed 14 people.\n' +
      'The Tarsk civil protection office said 3,200 people had been evacuated and 11 shelters remained open. In the Marrin district water stood 2.4 metres deep.\n' +
      'Governor Ilse Brandvik promised an inquiry into why the Velmora dike failed at 04:30.',
  },
  {
    id: 'flood-fr',
    language: 'fr',
    published: '2031-05-12T20:15:00+02:00',
    title: "Crue de l'Orlan à Velmora : 14 morts et 3 200 évacués",
    text:
      "La rivière Orlan est sortie de son lit le 12 mai à Velmora, faisant 14 morts et obligeant 3 200 habitants à quitter leur logement, selon la gouverneure Ilse Brandvik.\n" +
      "L'eau a atteint 2,4 mètres dans la vieille ville, a indiqué la protection civile de Tarsk. Les pompiers de Kessby ont rejoint en bateau le quartier de Marrin.\n" +
      "La digue de Velmora a cédé à 04:30 après trois jours de pluie. Le gouvernement provincial a ouvert 11 centres d'hébergement. « Nous avons tout perdu en une nuit », raconte Odile Ferrand, boulangère du quartier, qui attend depuis l'aube devant la mairie. Les agriculteurs de la plaine craignent pour les récoltes de printemps, déjà fragilisées par un hiver très sec, et réclament des aides d'urgence au ministère.",
  },
  {
    id: 'flood-de',
    language: 'de',
    published: '2031-05-13T07:40:00+02:00',
    title: 'Hochwasser in Velmora: 14 Tote, 3.200 Menschen evakuiert',
    text:
      'Der Fluss Orlan ist am 12. Mai in Velmora über die Ufer getreten. Nach Angaben von Gouverneurin Ilse Brandvik kamen 14 Menschen ums Leben, 3.200 Einwohner mussten ihre Häuser verlassen.\n' +
      'In der Altstadt stand das Wasser 2,4 Meter hoch, teilte der Zivilschutz von Tarsk mit. Die Feuerwehr aus Kessby erreichte das Viertel Marrin mit Booten.\n' +
      'Der Deich von Velmora brach um 04:30 Uhr nach drei Tagen Regen. Die Provinzregierung öffnete 11 Notunterkünfte. „Das Wasser kam mitten in der Nacht“, sagte der Rentner Gerhard Lanz, dessen Keller vollständig überflutet wurde. Landwirte in der Ebene fürchten um die Frühjahrsernte, die schon unter dem trockenen Winter gelitten hatte, und fordern schnelle Hilfe vom Ministerium.',
  },
  {
    id: 'flood-es',
    language: 'es',
    published: '2031-05-12T22:00:00+02:00',
    title: 'La crecida del Orlan deja 14 muertos en Velmora',
    text:
      'El río Orlan se desbordó el 12 de mayo en Velmora y causó 14 muertos; 3.200 vecinos tuvieron que abandonar sus casas, según la gobernadora Ilse Brandvik.\n' +
      'El agua alcanzó 2,4 metros en el casco antiguo, informó la protección civil de Tarsk. Los bomberos de Kessby llegaron en barca al barrio de Marrin.\n' +
      'El dique de Velmora cedió a las 04:30 tras tres días de lluvia. El gobierno provincial abrió 11 albergues. «Perdimos todo en una noche», contó Lucía Barrera, dueña de una panadería del barrio, que esperaba desde el amanecer frente al ayuntamiento. Los agricultores de la llanura temen por la cosecha de primavera, ya debilitada por un invierno muy seco, y piden ayudas urgentes al ministerio.',
  },
  {
    id: 'flood-ar',
    language: 'ar',
    published: '2031-05-13T10:30:00+03:00',
    title: 'فيضان نهر أورلان يقتل 14 شخصا في فيلمورا',
    text:
      'فاض نهر أورلان في مدينة فيلمورا يوم 12 مايو، ما أدى إلى مقتل 14 شخصا وإجلاء 3200 من السكان، بحسب الحاكمة إلسه براندفيك.\n' +
      'وقالت الحماية المدنية في تارسك إن المياه بلغت 2.4 متر في البلدة القديمة، ووصل رجال الإطفاء من كيسبي بالقوارب إلى حي مارين.\n' +
      'وانهار سد فيلمورا عند الساعة 04:30 بعد ثلاثة أيام من الأمطار، وفتحت حكومة الإقليم 11 مأوى.',
  },
];

/** Event 2: Governor Brandvik opens the Orlan bridge at Kessby (20 May 2031): 1.2 km, 48 million. */
export const bridge: ClusterInput[] = [
  {
    id: 'bridge-en-1',
    language: 'en',
    published: '2031-05-20T11:00:00Z',
    title: 'Tarsk opens 1.2 km Orlan bridge at Kessby',
    text:
      'Governor Ilse Brandvik opened the new Orlan bridge at Kessby on May 20, a 1.2-kilometre crossing that cost 48 million crowns.\n' +
      'The bridge links Kessby with the Sellwick industrial park and will carry 18,000 vehicles a day, the Tarsk roads agency said.\n' +
      'Engineer Tomas Ridder of Halberg Construct said the span was built in 26 months.',
  },
  {
    id: 'bridge-en-2',
    language: 'en',
    published: '2031-05-21T08:00:00Z',
    title: 'Kessby commuters cross new Orlan bridge',
    text:
      'The first commuters drove over the Orlan bridge between Kessby and Sellwick on Wednesday, a day after Governor Ilse Brandvik opened the 1.2 km crossing.\n' +
      'The 48 million crown bridge, built by Halberg Construct in 26 months, is expected to carry 18,000 vehicles a day.',
  },
  {
    id: 'bridge-fr',
    language: 'fr',
    published: '2031-05-20T17:30:00+02:00',
    title: "Un pont de 1,2 km sur l'Orlan inauguré à Kessby",
    text:
      "La gouverneure Ilse Brandvik a inauguré le 20 mai le nouveau pont sur l'Orlan à Kessby, un ouvrage de 1,2 kilomètre qui a coûté 48 millions de couronnes.\n" +
      "Le pont relie Kessby à la zone industrielle de Sellwick et accueillera 18 000 véhicules par jour, selon l'agence routière de Tarsk.\n" +
      "L'ingénieur Tomas Ridder, de Halberg Construct, a précisé que le chantier a duré 26 mois. « On gagne une demi-heure chaque matin », se réjouit Mathieu Roux, chauffeur routier, qui attendait l'ouverture depuis des années. Les riverains du vieux bac, fermé le jour même, regrettent en revanche la fin d'une traversée centenaire.",
  },
  {
    id: 'bridge-es',
    language: 'es',
    published: '2031-05-20T19:00:00+02:00',
    title: 'Kessby inaugura un puente de 1,2 km sobre el Orlan',
    text:
      'La gobernadora Ilse Brandvik inauguró el 20 de mayo el nuevo puente sobre el Orlan en Kessby, de 1,2 kilómetros y con un coste de 48 millones de coronas.\n' +
      'El puente une Kessby con el polígono industrial de Sellwick y soportará 18.000 vehículos al día, según la agencia de carreteras de Tarsk.\n' +
      'El ingeniero Tomas Ridder, de Halberg Construct, dijo que la obra duró 26 meses. «Ganamos media hora cada mañana», celebró Andrés Molina, camionero, que esperaba la apertura desde hacía años. Los vecinos del viejo transbordador, cerrado ese mismo día, lamentan en cambio el fin de una travesía centenaria.',
  },
];

/** Event 3: a strike at the Halvik mine in Tarsk (14 May 2031): 600 miners, union leader Piotr Szymanek. */
export const strike: ClusterInput[] = [
  {
    id: 'strike-en',
    language: 'en',
    published: '2031-05-14T10:00:00Z',
    title: '600 miners strike at Halvik mine in Tarsk',
    text:
      'About 600 miners walked out of the Halvik copper mine in Tarsk on May 14, demanding a 9 percent pay rise, union leader Piotr Szymanek said.\n' +
      'The Halvik Mining Company said the strike would cost it 2.5 million crowns a day. Szymanek said talks with the company had broken down on May 13.\n' +
      'Governor Ilse Brandvik called on both sides to meet at the provincial offices in Velmora.',
  },
  {
    id: 'strike-de',
    language: 'de',
    published: '2031-05-14T15:00:00+02:00',
    title: 'Streik in der Mine Halvik: 600 Bergleute legen die Arbeit nieder',
    text:
      'Rund 600 Bergleute der Kupfermine Halvik in Tarsk haben am 14. Mai die Arbeit niedergelegt. Sie fordern 9 Prozent mehr Lohn, sagte Gewerkschaftschef Piotr Szymanek.\n' +
      'Die Halvik Mining Company beziffert die Kosten des Streiks auf 2,5 Millionen Kronen pro Tag. Die Gespräche waren laut Szymanek am 13. Mai gescheitert.\n' +
      'Gouverneurin Ilse Brandvik rief beide Seiten zu einem Treffen in Velmora auf. „Wir arbeiten unter Tage für einen Lohn, der kaum für die Miete reicht“, sagte der Bergmann Jonas Keller vor dem Werkstor. Die Mine liefert ein Fünftel des Kupfers der Region; Zulieferer fürchten bereits Kurzarbeit, falls der Ausstand länger dauert.',
  },
  {
    id: 'strike-es',
    language: 'es',
    published: '2031-05-14T18:00:00+02:00',
    title: 'Unos 600 mineros van a la huelga en la mina Halvik',
    text:
      'Unos 600 mineros de la mina de cobre Halvik, en Tarsk, iniciaron el 14 de mayo una huelga para exigir una subida salarial del 9 por ciento, dijo el líder sindical Piotr Szymanek.\n' +
      'La Halvik Mining Company calcula que la huelga le costará 2,5 millones de coronas al día. Según Szymanek, las negociaciones fracasaron el 13 de mayo.\n' +
      'La gobernadora Ilse Brandvik pidió a ambas partes reunirse en Velmora. «Trabajamos bajo tierra por un sueldo que apenas cubre el alquiler», dijo el minero Ramón Ortega ante la puerta de la mina. La mina aporta una quinta parte del cobre de la región y los proveedores ya temen despidos si la huelga se alarga.',
  },
];

/**
 * A French article on the flood that recalls the bridge opening in passing: it belongs to the
 * flood story, and must not bring the English flood and bridge stories together.
 */
export const floodRecallingBridge: ClusterInput = {
  id: 'flood-fr-bridge',
  language: 'fr',
  published: '2031-05-21T12:00:00+02:00',
  title: 'Velmora, neuf jours après la crue',
  text:
    "Neuf jours après la crue de l'Orlan qui a fait 14 morts à Velmora, 3 200 habitants n'ont toujours pas regagné leur logement, selon la protection civile de Tarsk.\n" +
    "La gouverneure Ilse Brandvik, qui inaugurait la veille le pont de Kessby, a promis une enquête sur la digue de Velmora, rompue à 04:30 le 12 mai.\n" +
    'Dans le quartier de Marrin, 11 centres d\'hébergement restent ouverts.',
};
