import { UsageError } from '../cli-errors.js'
import { type Command, type CommandSpec, defineCommand } from '../command.js'
import { completionScript, SHELLS, type Shell } from '../completion-scripts.js'
import { ExitCode } from '../exit-codes.js'

/**
 * `schemaledger completion <shell>`: the completion script of bash, zsh or fish, generated from the
 * command table (`commands` is called when the command runs, so the table may include this command).
 *
 * @example
 * ```ts
 * const COMMANDS = [validateCommand, completionCommand(() => COMMANDS)]
 * ```
 */
export function completionCommand(commands: () => readonly Command[]): CommandSpec {
  return defineCommand({
    name: 'completion',
    summary: 'the shell completion script (bash, zsh, fish)',
    usage: ['completion bash|zsh|fish'],
    description:
      'Prints a script that completes commands, subcommands, flags, flag choices and file names, made from\n' +
      "the tool's own command table. Load it in the shell's start-up file.",
    arguments: [['<shell>', SHELLS.join(', ')]],
    positionals: { min: 1, max: 1 },
    options: {},
    examples: [
      ['bash (in ~/.bashrc)', 'source <(schemaledger completion bash)'],
      ['zsh (in ~/.zshrc, after compinit)', 'source <(schemaledger completion zsh)'],
      ['fish', 'schemaledger completion fish > ~/.config/fish/completions/schemaledger.fish'],
    ],
    async run({ positionals, io }) {
      const shell = positionals[0] ?? ''
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`<shell> must be one of ${SHELLS.join(', ')} (got ${JSON.stringify(shell)})`)
      }
      io.write(completionScript(shell as Shell, commands()))
      return ExitCode.ok
    },
  })
}
