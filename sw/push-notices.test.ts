// The worker's push handlers with a fake registration and fake windows: a push shows the practice's
// "You have a new message" under one tag, whatever the payload holds, and tapping it brings the
// portal to Messages in the window already open, or in a new one.
import { describe, expect, it } from 'vitest';
import { NOTICE_TAG, NOTICE_TITLE } from '../core/push-notice';
import { NOTICE_ICON, type NoticeWorker, openNoticeTarget, showPushNotice } from './push-notices';

const ORIGIN = 'https://portal.example';

interface Shown {
  title: string;
  options: NotificationOptions | undefined;
}

class FakeWindow {
  navigatedTo: string[] = [];
  focusCount = 0;
  constructor(
    public url: string,
    public focused = false,
    private readonly controlled = true,
  ) {}
  async focus() {
    this.focusCount += 1;
    this.focused = true;
    return this;
  }
  async navigate(url: string) {
    if (!this.controlled)
      throw new TypeError('This service worker is not the client’s active service worker.');
    this.navigatedTo.push(url);
    this.url = url;
    return this;
  }
}

function fakeWorker(windows: FakeWindow[] = []) {
  const shown: Shown[] = [];
  const opened: string[] = [];
  const worker = {
    origin: ORIGIN,
    registration: {
      showNotification: async (title: string, options?: NotificationOptions) => {
        shown.push({ title, options });
      },
    },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url: string) => {
        opened.push(url);
        return null;
      },
    },
  } as unknown as NoticeWorker;
  return { worker, shown, opened };
}

const pushData = (value: unknown) => ({
  json: () => (typeof value === 'string' ? JSON.parse(value) : value),
});

const notification = (data: unknown) => {
  const n = { closed: false, data, close: () => (n.closed = true) };
  return n;
};

describe('a push', () => {
  it('shows the practice’s notice with the app icon, under one tag', async () => {
    const { worker, shown } = fakeWorker();
    await showPushNotice(
      worker,
      pushData({
        title: 'You have a new message',
        body: 'Riverbend Family Health: sign in to read it.',
        url: '/messages',
      }),
    );
    expect(shown).toEqual([
      {
        title: 'You have a new message',
        options: {
          body: 'Riverbend Family Health: sign in to read it.',
          icon: NOTICE_ICON,
          tag: NOTICE_TAG,
          data: { url: '/messages' },
        },
      },
    ]);
  });

  it('falls back to the generic words for an empty, broken or foreign payload', async () => {
    const { worker, shown } = fakeWorker();
    await showPushNotice(worker, null);
    await showPushNotice(worker, {
      json: () => {
        throw new SyntaxError('Unexpected token');
      },
    });
    await showPushNotice(worker, pushData({ title: 42, body: ['x'], url: 'https://evil.example/' }));
    await showPushNotice(worker, pushData({ url: '//evil.example/phish' }));
    expect(shown.map((s) => s.title)).toEqual([NOTICE_TITLE, NOTICE_TITLE, NOTICE_TITLE, NOTICE_TITLE]);
    // A push can never send the user to another site.
    expect(shown.map((s) => (s.options!.data as { url: string }).url)).toEqual([
      '/messages',
      '/messages',
      '/messages',
      '/messages',
    ]);
    expect(shown.every((s) => s.options?.tag === NOTICE_TAG)).toBe(true);
  });
});

describe('tapping the notification', () => {
  it('focuses the open portal window and takes it to Messages', async () => {
    const home = new FakeWindow(`${ORIGIN}/home`);
    const other = new FakeWindow(`${ORIGIN}/billing`, true);
    const { worker, opened } = fakeWorker([home, other]);
    const tapped = notification({ url: '/messages' });
    await openNoticeTarget(worker, tapped as unknown as Notification);
    expect(tapped.closed).toBe(true);
    // The window the user last had in front is the one brought back.
    expect(other.focusCount).toBe(1);
    expect(other.navigatedTo).toEqual([`${ORIGIN}/messages`]);
    expect(home.navigatedTo).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('only focuses a window already on Messages', async () => {
    const messages = new FakeWindow(`${ORIGIN}/messages`);
    const { worker, opened } = fakeWorker([messages]);
    await openNoticeTarget(worker, notification({ url: '/messages' }) as unknown as Notification);
    expect(messages.focusCount).toBe(1);
    expect(messages.navigatedTo).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('opens Messages when no portal window is open, or the open one cannot be navigated', async () => {
    const none = fakeWorker([]);
    await openNoticeTarget(none.worker, notification(null) as unknown as Notification);
    expect(none.opened).toEqual([`${ORIGIN}/messages`]);

    const uncontrolled = fakeWorker([new FakeWindow(`${ORIGIN}/home`, false, false)]);
    await openNoticeTarget(
      uncontrolled.worker,
      notification({ url: '/messages' }) as unknown as Notification,
    );
    expect(uncontrolled.opened).toEqual([`${ORIGIN}/messages`]);
  });
});
