#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so it works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
