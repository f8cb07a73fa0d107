// What the Now / Next item and the badge have in common: they redraw when the notes change and as the clock moves on,
// one redraw at a time, so a late answer never overwrites a newer one.
import { Disposable } from '../disposable';
import type { AgendaModel } from './agendaModel';

/** How often the clock is looked at: a session starts on the minute, so twice a minute is on time. */
export const CLOCK_INTERVAL_MS = 30_000;

export abstract class AgendaFollower extends Disposable {
  private updating: Promise<void> = Promise.resolve();

  constructor(protected readonly model: AgendaModel) {
    super();
    this.register(model.onDidChange(() => void this.update()));
    const timer = setInterval(() => void this.update(), CLOCK_INTERVAL_MS);
    this.register({ dispose: () => clearInterval(timer) });
  }

  /** Reads the clock and the agenda again; resolves once what is shown is true at this instant. */
  update(): Promise<void> {
    this.updating = this.updating.then(() => (this.isDisposed ? undefined : this.draw())).catch(() => undefined);
    return this.updating;
  }

  protected abstract draw(): Promise<void>;
}
