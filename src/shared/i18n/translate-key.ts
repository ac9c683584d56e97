import { vi, type Dictionary } from './vi';

/** Looks up a dotted key such as 'validation.required' in a dictionary (the API's Vietnamese). */
export function translateKey(key: string, dictionary: Dictionary = vi): string {
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return key;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : key;
}
