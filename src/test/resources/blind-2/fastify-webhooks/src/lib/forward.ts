const eventsUrl = process.env.EVENTS_URL ?? 'http://events-bus:9000';

export async function forward(params: { partner: string }, body: unknown): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const res = await fetch(`${eventsUrl}/publish/${params.partner}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(3000),
      });
      if (res.ok) return;
      lastError = new Error(`events bus answered ${res.status}`);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

export async function replayDeadLetters(ids: string[]): Promise<void> {
  for (const id of ids) {
    for (let attempt = 0; attempt < 6; attempt++) {
      const res = await fetch(`${eventsUrl}/replay/${id}`, { method: 'POST', signal: AbortSignal.timeout(3000) });
      if (res.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 250));
    }
  }
}
