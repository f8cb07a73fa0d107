// The one disposal pattern of the adapters, after VS Code's own markdown extension: a class that owns event
// subscriptions, emitters, views or timers extends `Disposable` and hands each of them to `register()` as it
// creates it, instead of keeping its own array. `dispose()` disposes everything registered, once and in reverse
// order (later things may depend on earlier ones); what is registered after that is disposed at once, so a late
// subscription (after an await) cannot outlive its owner.
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly registered: vscode.Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.registered.splice(0).reverse()) disposable.dispose();
  }

  /** Disposes `value` with this object; returns it, so it can be registered where it is created. */
  protected register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.registered.push(value);
    return value;
  }
}
