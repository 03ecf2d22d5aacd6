import { x } from '@redress/contract';
import { DatabaseSync } from 'node:sqlite';
const n: number = x;
console.log('node', process.version, n, typeof DatabaseSync, process.argv.slice(2));
