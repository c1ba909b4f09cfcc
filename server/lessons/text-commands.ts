// The commands a step's text has the learner run: its {{exec}} buttons, in the order written.
import type { Language, Step } from '../../common/lesson.js';

export function textCommands(step: Step, language: Language): string[] {
  const commands: string[] = [];
  for (const block of step.text[language] ?? []) {
    if (block.kind === 'command') {
      if (block.command.action === 'exec') commands.push(block.command.text);
      continue;
    }
    for (const inline of block.commands) {
      if (inline.command.action === 'exec') commands.push(inline.command.text);
    }
  }
  return commands;
}
