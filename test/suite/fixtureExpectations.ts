// What a user sees for test/fixtures/workspace, shared by the extension-host suite (Node) and the web-worker
// suite (browser), which must agree.

/** The Sessions view: conferences and tracks by name with their counts, sessions in document order with speakers. */
export const FIXTURE_TREE = [
  {
    label: 'DevConf 2024',
    description: '3',
    children: [
      { label: 'Cloud', description: '2', children: [{ label: 'Scaling Queues', description: 'Ada Park' }, { label: 'Serverless Cold Starts', description: 'Ben Ortiz' }] },
      { label: 'Data', description: '1', children: [{ label: 'Streaming Joins in Practice', description: 'Chen Li' }] },
    ],
  },
  {
    label: 'WebCamp 2024',
    description: '3',
    children: [
      { label: 'Backend', description: '1', children: [{ label: 'HTTP/3 in Production', description: '' }] },
      { label: 'Frontend', description: '2', children: [{ label: 'CSS Container Queries', description: 'Dana Kim' }, { label: 'Islands Architecture', description: '' }] },
    ],
  },
];

export const FIXTURE_TABLE_HEADER = ['Track', 'DevConf 2024', 'WebCamp 2024', 'Total', 'Share (%)'];

/** The statistics panel's table by default: most sessions first, ties by name, total row last. */
export const FIXTURE_TABLE = [
  FIXTURE_TABLE_HEADER,
  ['Cloud', '2', '0', '2', '33.3%'],
  ['Frontend', '0', '2', '2', '33.3%'],
  ['Backend', '0', '1', '1', '16.7%'],
  ['Data', '1', '0', '1', '16.7%'],
  ['Total', '3', '3', '6', '100%'],
];
