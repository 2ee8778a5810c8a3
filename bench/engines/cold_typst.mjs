// One cold Typst render: a fresh process from start to the first PDF on disk.
import { writeFileSync } from 'node:fs';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { load, typst } from './documents.mjs';

const [file, fontDir, out] = process.argv.slice(2);
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
writeFileSync(out, compiler.pdf({ mainFileContent: typst(load(file)) }));
