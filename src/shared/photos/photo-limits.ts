// Photo limits, apart from the zod schemas so the compression worker can use them without zod.

/** Longest edge of a photo after compression on the device. */
export const PHOTO_MAX_EDGE_PX = 1600;
/** Largest photo the app keeps or the server accepts, after compression. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** Photos one activity may carry. */
export const MAX_PHOTOS_PER_ACTIVITY = 30;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/webp'] as const;
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];
