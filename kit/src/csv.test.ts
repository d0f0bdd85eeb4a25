import { csvStream, csvTable } from './csv';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

describe('csvStream', () => {
  it('writes exactly what csvTable writes for the same rows, batch by batch', async () => {
    const header = ['id', 'note'];
    const rows = [
      ['1', 'plain'],
      ['2', 'a, comma and "quotes"'],
      ['3', '=HYPERLINK("x")'],
      ['4', 'line\rbreak'],
    ];
    async function* batches() {
      yield rows.slice(0, 1);
      yield rows.slice(1);
    }
    await expect(text(csvStream(header, batches()))).resolves.toBe(csvTable(header, rows));
  });

  it('writes only the header when there is nothing to export', async () => {
    async function* none() {}
    await expect(text(csvStream(['a', 'b'], none()))).resolves.toBe('a,b\r\n');
  });

  it('ends the stream with the error when the source fails part-way', async () => {
    async function* failing() {
      yield [['1']];
      throw new Error('the database went away');
    }
    await expect(text(csvStream(['id'], failing()))).rejects.toThrow('the database went away');
  });
});
