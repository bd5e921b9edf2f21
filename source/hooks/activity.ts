import {useSyncExternalStore} from 'react';
import type {RetryInfo} from '../api/http.js';

/**
 * What the client is doing that a person should know about while they wait: "rate limited,
 * retrying in 4 s". The client reports retries here (outside React); the status bar reads it.
 */
export interface ActivityNotice {
  text: string;
  /** Epoch ms after which the notice is stale. */
  until: number;
}

export class ActivityStore {
  private notice: ActivityNotice | undefined;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  current = (): ActivityNotice | undefined => this.notice;

  /** Hook for FlexeraClient's onRetry. */
  reportRetry = (info: RetryInfo): void => {
    const seconds = Math.max(1, Math.round(info.delayMs / 1000));
    const why =
      info.reason === 'rate-limited'
        ? 'Rate limited'
        : info.reason === 'server-error'
          ? `Flexera answered ${info.status ?? 'an error'}`
          : 'Connection trouble';
    this.show(
      `${why} on ${info.endpoint}: retrying in ${seconds} s (${info.retry}/${info.maxRetries})`,
      info.delayMs,
    );
  };

  show(text: string, forMs: number): void {
    this.notice = {text, until: this.now() + forMs};
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), forMs + 250);
    this.timer.unref?.();
    this.emit();
  }

  clear(): void {
    clearTimeout(this.timer);
    if (this.notice === undefined) return;
    this.notice = undefined;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export function useActivity(store: ActivityStore): ActivityNotice | undefined {
  return useSyncExternalStore(store.subscribe, store.current, store.current);
}
