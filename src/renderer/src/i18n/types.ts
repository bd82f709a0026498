import type { en } from './en';

/** Same keys as English, any string values: a missing key in a language is a compile error. */
type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
