import { checkLinks, GENESIS_HASH, linkHash, type SealedContent, type SealedLink } from './chain';

const content = (id: number, overrides: Partial<SealedContent> = {}): SealedContent => ({
  id: String(id),
  createdAtMicros: String(1_764_000_000_000_000 + id),
  actorId: 'admin:1',
  actorDisplayName: 'Olivia Owner',
  actorRole: 'staff',
  effectiveRole: 'staff',
  action: 'number.quarantine',
  entityType: 'number',
  entityId: '4',
  conversationId: null,
  messageId: null,
  detailsText: '{"reason": "other"}',
  ...overrides,
});

function chainOf(n: number): SealedLink[] {
  const links: SealedLink[] = [];
  let previous = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = content(i * 10);
    const chainHash = linkHash(previous, i, c);
    links.push({ ...c, chainSeq: i, chainHash });
    previous = chainHash;
  }
  return links;
}

describe('the audit hash chain', () => {
  it('hashes the same content the same way, and any change of a column, the place or the link before differently', () => {
    const base = linkHash(GENESIS_HASH, 1, content(1));
    expect(linkHash(GENESIS_HASH, 1, content(1))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      linkHash(GENESIS_HASH, 2, content(1)),
      linkHash('f'.repeat(64), 1, content(1)),
      linkHash(GENESIS_HASH, 1, content(1, { actorDisplayName: 'Someone Else' })),
      linkHash(GENESIS_HASH, 1, content(1, { detailsText: '{"reason": "manual_review"}' })),
      linkHash(GENESIS_HASH, 1, content(1, { conversationId: '5' })),
      linkHash(GENESIS_HASH, 1, content(1, { createdAtMicros: String(1_764_000_000_000_002) })),
      // A null and the text "null" are different content.
      linkHash(GENESIS_HASH, 1, content(1, { entityType: 'null' })),
    ];
    for (const v of variants) expect(v).not.toBe(base);
  });

  it('verifies an intact chain and answers its last link', () => {
    const links = chainOf(5);
    expect(checkLinks({ chainSeq: 0, chainHash: GENESIS_HASH }, links)).toEqual({ broken: null, last: { chainSeq: 5, chainHash: links[4].chainHash } });
    // In two runs, the second going on from the first.
    const first = checkLinks({ chainSeq: 0, chainHash: GENESIS_HASH }, links.slice(0, 2));
    expect(checkLinks(first.last, links.slice(2)).broken).toBeNull();
  });

  it('reports an altered event as the first broken link', () => {
    const links = chainOf(5);
    links[2] = { ...links[2], actorDisplayName: 'Nobody' };
    expect(checkLinks({ chainSeq: 0, chainHash: GENESIS_HASH }, links).broken).toEqual({
      chainSeq: 3,
      eventId: '30',
      problem: 'altered',
      sentence: 'The chain breaks at position 3: event #30 was altered after it was sealed.',
    });
  });

  it('reports a removed event as a gap', () => {
    const links = chainOf(6);
    const withoutTwo = [...links.slice(0, 2), ...links.slice(4)];
    expect(checkLinks({ chainSeq: 0, chainHash: GENESIS_HASH }, withoutTwo).broken).toEqual({
      chainSeq: 3,
      eventId: null,
      problem: 'missing',
      sentence: 'The chain breaks at position 3: 2 sealed events are missing before event #50.',
    });
  });

  it('reports a re-sealed forgery: a removed event whose successors were re-hashed still breaks at the head an export kept', () => {
    const links = chainOf(4);
    // Someone removes event 2 and rebuilds the chain after it; the head differs from the one the export recorded.
    let previous = links[0].chainHash;
    const rebuilt = [links[0], ...links.slice(2).map((l, i) => {
      const chainHash = linkHash(previous, i + 2, l);
      previous = chainHash;
      return { ...l, chainSeq: i + 2, chainHash };
    })];
    expect(checkLinks({ chainSeq: 0, chainHash: GENESIS_HASH }, rebuilt).broken).toBeNull();
    expect(rebuilt[rebuilt.length - 1].chainHash).not.toBe(links[3].chainHash);
  });
});
