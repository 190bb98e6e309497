import { paint, type CliIo } from '../io.js';

/** Colouring by meaning, for the text renderers: good (green), bad (red), warn (yellow). */
export type Style = (kind: 'good' | 'bad' | 'warn', text: string) => string;

/** No colour (the renderers' default). */
export const plain: Style = (_kind, text) => text;

/** The CLI's colouring: `paint` decides whether the output is coloured at all. */
export function styleFor(io: CliIo): Style {
  return (kind, text) =>
    paint(io, kind === 'good' ? 'green' : kind === 'bad' ? 'red' : 'yellow', text);
}
