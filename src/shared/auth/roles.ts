// Kept free of zod: the client checks the stored session's role on every start.
export const ROLES = ['commune', 'district', 'province', 'agency', 'admin'] as const;
export type Role = (typeof ROLES)[number];
