import { spawn } from 'node:child_process';

export interface ChildRun {
  /** How the child ended: killed by us, killed itself at a hook, or exited. */
  ending: 'parent-kill' | 'self-kill' | 'exit';
  code: number | null;
  lines: string[];
  /** The kill point: `before capture`, `after refund`, `in flight: create`, `recovery`, … */
  point: string | null;
}

export interface KillPlan {
  afterMs: number;
  /** Count from the spawn (kills land in start-up recovery too) or from the child's `ready`. */
  from: 'spawn' | 'ready';
}

/** Runs the bundled child with `config`; SIGKILLs it per `kill` (if still alive). */
export function runChild(file: string, config: object, kill: KillPlan | null, timeoutMs = 30_000) {
  return new Promise<ChildRun>((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, PROOF_CHILD: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    let killedByParent = false;
    const killNow = () => {
      killedByParent = true;
      child.kill('SIGKILL');
    };
    let killer: NodeJS.Timeout | null = kill?.from === 'spawn' ? setTimeout(killNow, kill.afterMs) : null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
      if (kill?.from === 'ready' && !killer && parts.includes('ready'))
        killer = setTimeout(killNow, kill.afterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const guard = setTimeout(() => {
      killNow();
      reject(new Error(`child did not end within ${timeoutMs} ms: ${lines.slice(-5).join(' | ')} ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killer) clearTimeout(killer);
      clearTimeout(guard);
      if (buffered) lines.push(buffered);
      const selfKill = lines.find((l) => l.startsWith('kill '));
      if (signal === 'SIGKILL' && selfKill) {
        resolve({ ending: 'self-kill', code, lines, point: selfKill.slice(5) });
        return;
      }
      if (signal === 'SIGKILL' && killedByParent) {
        const ready = lines.includes('ready');
        const last = lines.filter((l) => l.startsWith('hook ')).at(-1);
        const point = !ready ? 'recovery' : last ? `in flight: ${last.split(' ')[2]}` : 'idle';
        resolve({ ending: 'parent-kill', code, lines, point });
        return;
      }
      if (code !== 0) {
        reject(new Error(`child ended with ${code ?? signal}: ${lines.slice(-5).join(' | ')} ${stderr}`));
        return;
      }
      resolve({ ending: 'exit', code, lines, point: null });
    });
  });
}
