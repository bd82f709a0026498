/**
 * The few texts main must word itself because no renderer is there to do it: the start-up failure
 * dialog and the screen shown when the window's page keeps crashing. Everything else is worded by
 * the renderer from the codes main sends. Picked by the system language (app.getLocale()).
 */
export type ShellLanguage = 'nb' | 'da' | 'fi' | 'en';

export interface ShellTexts {
  startFailedTitle: string;
  /** {{reason}}, {{log}} */
  startFailedBody: string;
  crashedTitle: string;
  crashedBody: string;
}

const TEXTS: Record<ShellLanguage, ShellTexts> = {
  nb: {
    startFailedTitle: 'Vipps MobilePay Counter kunne ikke starte',
    startFailedBody:
      'Årsak: {{reason}}\n\nDetaljer står i loggen: {{log}}\nStart appen på nytt. Hvis det skjer igjen, send loggen til kundestøtte.',
    crashedTitle: 'Vinduet sluttet å virke',
    crashedBody:
      'Kassevinduet har krasjet flere ganger. Ingen betalinger er tapt: de ligger i journalen. Lukk appen og start den på nytt. Hvis det skjer igjen, kontakt kundestøtte.',
  },
  da: {
    startFailedTitle: 'Vipps MobilePay Counter kunne ikke starte',
    startFailedBody:
      'Årsag: {{reason}}\n\nDetaljer står i loggen: {{log}}\nStart appen igen. Hvis det sker igen, så send loggen til kundeservice.',
    crashedTitle: 'Vinduet holdt op med at virke',
    crashedBody:
      'Kassevinduet er gået ned flere gange. Ingen betalinger er tabt: de ligger i journalen. Luk appen, og start den igen. Hvis det sker igen, så kontakt kundeservice.',
  },
  fi: {
    startFailedTitle: 'Vipps MobilePay Counter ei käynnistynyt',
    startFailedBody:
      'Syy: {{reason}}\n\nLisätiedot ovat lokissa: {{log}}\nKäynnistä sovellus uudelleen. Jos tämä toistuu, lähetä loki asiakastukeen.',
    crashedTitle: 'Ikkuna lakkasi toimimasta',
    crashedBody:
      'Kassaikkuna on kaatunut useita kertoja. Maksuja ei ole kadonnut: ne ovat lokikirjassa. Sulje sovellus ja käynnistä se uudelleen. Jos tämä toistuu, ota yhteyttä asiakastukeen.',
  },
  en: {
    startFailedTitle: 'Vipps MobilePay Counter could not start',
    startFailedBody:
      'Reason: {{reason}}\n\nDetails are in the log: {{log}}\nStart the app again. If it happens again, send the log to support.',
    crashedTitle: 'The window stopped working',
    crashedBody:
      'The counter window crashed several times. No payment is lost: they are in the journal. Close the app and start it again. If it happens again, contact support.',
  },
};

export function shellTexts(locale: string): ShellTexts {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  if (language === 'nb' || language === 'no' || language === 'nn') return TEXTS.nb;
  if (language === 'da' || language === 'fi') return TEXTS[language];
  return TEXTS.en;
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
