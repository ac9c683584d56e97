import { describe, expect, it } from 'vitest';
import { changeOwnPasswordRequestSchema } from '../../src/shared/auth/account.schema';
import { firstMessageByField } from '../../src/shared/validation/field-errors';
import { V } from '../../src/shared/validation/messages';

describe('firstMessageByField', () => {
  it('gives each field the message of its first issue, and nothing for fields without one', () => {
    const parsed = changeOwnPasswordRequestSchema.safeParse({ newPassword: '' });
    expect(parsed.success).toBe(false);
    const found = firstMessageByField(parsed.error!.issues);
    expect(found.currentPassword).toBe(V.required);
    expect(Object.keys(found).sort()).toEqual(['currentPassword', 'newPassword']);
    expect(found.newPassword).toMatch(/^validation\./);
  });

  it('keeps the first of several issues on one field', () => {
    const issues = [
      { code: 'custom', path: ['name'], message: 'validation.tooLong', input: 'x' },
      { code: 'custom', path: ['name'], message: 'validation.required', input: 'x' },
    ] as unknown as Parameters<typeof firstMessageByField>[0];
    expect(firstMessageByField(issues)).toEqual({ name: 'validation.tooLong' });
  });
});
