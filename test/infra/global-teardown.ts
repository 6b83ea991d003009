import './path-aliases'; // first: what follows may import @kybaocao/*
export default async function globalTeardown(): Promise<void> {
  const stops: (() => unknown)[] = (globalThis as any).__KYBAOCAO_INFRA_STOP__ ?? [];
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      process.stderr.write(`[test] teardown: ${err}\n`);
    }
  }
}
