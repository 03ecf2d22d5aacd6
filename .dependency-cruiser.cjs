/**
 * The dependency rules of docs/ARCHITECTURE.md, enforced. A violation fails `npm run lint`.
 */
const server = '^apps/server/src';
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'pure-core',
      comment:
        'Model and policy files import only shared/, their own module and pure libraries: no I/O, no storage, no HTTP.',
      severity: 'error',
      from: {
        path: `${server}/modules/([^/]+)/`,
        pathNot: '\\.(service|routes|repository|presenter|jobs|test)\\.ts$|/index\\.ts$',
      },
      to: {
        dependencyTypesNot: ['type-only'],
        path: [
          `${server}/(?!shared/|modules/$1/)`,
          '^(fs|net|http|https|child_process|node:fs|node:net|node:http|node:https|node:child_process|node:sqlite|pg|kysely|fastify)$',
        ],
      },
    },
    {
      name: 'modules-not-storage',
      comment: 'Modules reach the database only through their repository ports.',
      severity: 'error',
      from: { path: `${server}/modules/` },
      to: { path: `${server}/storage/` },
    },
    {
      name: 'modules-through-index',
      comment: 'Another module is used through its index.ts only.',
      severity: 'error',
      from: { path: `${server}/modules/([^/]+)/` },
      to: {
        path: `${server}/modules/([^/]+)/`,
        pathNot: [`${server}/modules/$1/`, `${server}/modules/[^/]+/index\\.ts$`],
      },
    },
    {
      name: 'storage-not-http',
      severity: 'error',
      from: { path: `${server}/(storage|shared|jobs)/` },
      to: { path: `${server}/http/` },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      from: { path: `${server}/shared/` },
      to: { path: `${server}/(?!shared/)` },
    },
    {
      name: 'uis-only-contract',
      comment: 'The console talks to the server through the documented API; it imports only the contract.',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: '^(apps/server|bench|e2e)/' },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      from: { path: '^packages/contract/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The console's build output (bundled chunks import each other) is not source.
    exclude: { path: '^apps/console/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
