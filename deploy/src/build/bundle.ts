import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../paths';
import { builtFile, type BuiltProcess } from './processes';

/**
 * Our own code (the `@campaign/*` workspace packages, Prisma's generated clients) is TypeScript,
 * so it is compiled into the file; every npm package stays a `require` of the production
 * dependencies installed beside it. Bundling those too would break the ones that find their files
 * at run time: Prisma's WASM query compiler, Temporal's native core and its workflow bundler,
 * swagger-ui's static pages.
 */
const npmPackagesStayExternal: Plugin = {
  name: 'npm-packages-stay-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@campaign/') ? undefined : { path: args.path, external: true },
    );
  },
};

export async function bundleProcess(process: BuiltProcess): Promise<void> {
  await build({
    entryPoints: [path.join(repoRoot, process.entry)],
    outfile: builtFile(process),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Stack traces name the TypeScript lines (the images start node with --enable-source-maps).
    sourcemap: true,
    logLevel: 'warning',
    plugins: [npmPackagesStayExternal],
  });
}
