import type { CompressedPhoto, CompressFailure, CompressRequest } from '../model/compress-photo';

export interface CompressTask {
  id: number;
  request: CompressRequest;
}

export type CompressReply =
  | { id: number; photo: CompressedPhoto }
  /** `unsupported`: this engine cannot draw in a worker; the page does it instead. */
  | { id: number; error: CompressFailure | 'unsupported'; message?: string };
