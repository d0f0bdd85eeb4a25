/**
 * Every admin page's "Export to CSV": GETs the export with the panel's fetch client (the admin token rides along) and
 * hands the text to the browser as a file. A refusal throws as the fetch client does (show it with errorSentence).
 */
export async function downloadCsv(get: (url: string, config: { responseType: 'text' }) => Promise<{ data: unknown }>, path: string, fileName: string): Promise<void> {
  const { data } = await get(path, { responseType: 'text' });
  const url = URL.createObjectURL(new Blob([String(data)], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
