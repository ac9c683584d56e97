import { describe, expect, it } from 'vitest';
import { guessDevice } from '../../src/client/features/auth/device-name';

// Issue 11 point 8: the suggested device name is what an officer calls the device ("Điện thoại
// Android", "iPhone", "Máy tính Windows"), never "Linux · Chrome".
const ANDROID =
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const ANDROID_REDUCED =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const ANDROID_TABLET =
  'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1';
const IPADOS =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

describe('the suggested device name', () => {
  it('names phones, tablets and computers as officers do', () => {
    expect(guessDevice({ userAgent: ANDROID })).toEqual({
      kind: 'phone',
      os: 'Android SM-A145F',
    });
    expect(guessDevice({ userAgent: ANDROID_REDUCED, mobile: true })).toEqual({
      kind: 'phone',
      os: 'Android',
    });
    expect(guessDevice({ userAgent: ANDROID_TABLET, mobile: false })).toEqual({
      kind: 'tablet',
      os: 'Android SM-X200',
    });
    expect(guessDevice({ userAgent: IPHONE })).toEqual({ kind: 'phone', os: 'iPhone' });
    expect(guessDevice({ userAgent: IPADOS, maxTouchPoints: 5 })).toEqual({
      kind: 'tablet',
      os: 'iPad',
    });
    expect(guessDevice({ userAgent: IPADOS, maxTouchPoints: 0 })).toEqual({
      kind: 'computer',
      os: 'Mac',
    });
    expect(guessDevice({ userAgent: WINDOWS, maxTouchPoints: 0 })).toEqual({
      kind: 'computer',
      os: 'Windows',
    });
  });

  it('calls a small touch screen a phone, not "Linux"', () => {
    expect(guessDevice({ userAgent: LINUX, maxTouchPoints: 5, shortSide: 360 })).toEqual({
      kind: 'phone',
      os: '',
    });
    expect(guessDevice({ userAgent: LINUX, maxTouchPoints: 0, shortSide: 1080 })).toEqual({
      kind: 'computer',
      os: 'Linux',
    });
    expect(guessDevice({ userAgent: '' })).toEqual({ kind: null, os: '' });
  });
});
