import path from 'node:path';
import ts from 'typescript';

/**
 * Every name (values and types) a module exports, as the TypeScript checker resolves it through barrels and
 * `export *`, sorted; `file` is relative to the repository root.
 */
export function exportedNames(repoRoot: string, files: readonly string[]): Record<string, string[]> {
  const paths = files.map((f) => path.join(repoRoot, f));
  const program = ts.createProgram(paths, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const out: Record<string, string[]> = {};
  files.forEach((file, i) => {
    const source = program.getSourceFile(paths[i]);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`cannot read the exports of ${file}`);
    out[file] = checker
      .getExportsOfModule(symbol)
      .map((s) => s.getName())
      .sort();
  });
  return out;
}
