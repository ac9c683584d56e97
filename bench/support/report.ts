// Bench output helpers: figures are printed, never asserted (except byte budgets).
export const ms = (x: number) => `${x.toFixed(1)} ms`;
/** kB as Vite prints sizes: 1000 bytes. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

export function heading(title: string): void {
  console.log(`\n== ${title} ==`);
}

export function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(52)} ${value}`);
}
