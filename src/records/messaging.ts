/**
 * How the records API talks to its user (dbdicom's StatusBar and Dialog, seed-features.md §3.2
 * "Messaging classes"): progress and messages on a status line, questions in a dialog. The
 * library is silent by default; the command line gives a terminal implementation, a GUI its
 * own.
 */
export interface Status {
  message(text: string): void;
  /** `done` of `total`, as `<message> [<percent> %]`. */
  progress(done: number, total: number, message?: string): void;
  /** Stop (and start again) showing messages and progress. */
  mute(): void;
  unmute(): void;
}

export type Answer = 'Yes' | 'No' | 'Cancel';

export interface Dialog {
  information(message: string, title?: string): void;
  warning(message: string, title?: string): void;
  error(message: string, title?: string): void;
  question(message: string, title?: string, cancel?: boolean): Promise<Answer>;
}

export interface Messaging {
  readonly status: Status;
  readonly dialog: Dialog;
}

/** dbdicom's progress text: `Looping [33 %]`. */
export function progressText(done: number, total: number, message = ''): string {
  const percent = total === 0 ? 100 : Math.round((100 * done) / total);
  return `${message} [${percent} %]`;
}

/** Nothing shown; questions answered 'Yes' (the library's default: no surprises in scripts). */
export const silentMessaging: Messaging = {
  status: { message: () => {}, progress: () => {}, mute: () => {}, unmute: () => {} },
  dialog: {
    information: () => {},
    warning: () => {},
    error: () => {},
    question: async () => 'Yes',
  },
};

/** Messages and progress written with `write` (a terminal's stderr), as dbdicom prints them. */
export function textMessaging(
  write: (text: string) => void,
  ask?: (prompt: string) => Promise<string>,
): Messaging {
  let muted = false;
  const say = (text: string) => {
    if (!muted) write(`${text}\n`);
  };
  return {
    status: {
      message: say,
      progress: (done, total, message) => say(progressText(done, total, message)),
      mute: () => {
        muted = true;
      },
      unmute: () => {
        muted = false;
      },
    },
    dialog: {
      information: (message, title = '') => say(`INFORMATION\n${title}\n${message}`),
      warning: (message, title = '') => say(`WARNING!\n${title}\n${message}`),
      error: (message, title = '') => say(`ERROR!\n${title}\n${message}`),
      question: async (message, title = '', cancel = false) => {
        if (ask === undefined) return 'Yes';
        const choices = cancel ? 'y/n/c' : 'y/n';
        for (;;) {
          const answer = (await ask(`${title}\n${message} (${choices}) `)).trim().toLowerCase();
          if (answer === 'y') return 'Yes';
          if (answer === 'n') return 'No';
          if (cancel && answer === 'c') return 'Cancel';
        }
      },
    },
  };
}
