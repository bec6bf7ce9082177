/** A tiny typed client for the replication API, as the browser uses it. */
export interface PullResult {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number } | null;
}

export function apiClient(baseUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    async pull(collection: string, checkpoint?: number | null, limit?: number): Promise<PullResult> {
      const q = new URLSearchParams();
      if (checkpoint !== undefined && checkpoint !== null) q.set('checkpoint', String(checkpoint));
      if (limit !== undefined) q.set('limit', String(limit));
      const res = await fetch(`${baseUrl}/api/v1/replication/${collection}/pull?${q}`, { headers });
      if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
      return (await res.json()) as PullResult;
    },
    /** Pulls everything from the start, following checkpoints. */
    async pullAll(collection: string, limit = 1000): Promise<Record<string, unknown>[]> {
      const all: Record<string, unknown>[] = [];
      let checkpoint: number | null = null;
      for (;;) {
        const page = await this.pull(collection, checkpoint, limit);
        all.push(...page.documents);
        if (page.documents.length < limit) return all;
        checkpoint = page.checkpoint?.seq ?? null;
      }
    },
    /** The checkpoint after the last document the caller can see (null when there is none). */
    async latestCheckpoint(collection: string): Promise<number | null> {
      let checkpoint: number | null = null;
      for (;;) {
        const page = await this.pull(collection, checkpoint, 1000);
        if (page.documents.length === 0) return checkpoint;
        checkpoint = page.checkpoint?.seq ?? null;
      }
    },
    /** The raw response of a push (status and body are checked by the caller). */
    push(collection: string, body: unknown): Promise<Response> {
      return fetch(`${baseUrl}/api/v1/replication/${collection}/push`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    /** A push that must succeed; returns the conflicts. */
    async pushOk(collection: string, body: unknown): Promise<Record<string, unknown>[]> {
      const res = await this.push(collection, body);
      if (res.status !== 200) throw new Error(`push ${collection}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>[];
    },
  };
}
