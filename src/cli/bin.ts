// The `vhost-user-k8s` command (bin/vhost-user-k8s requires the compiled form).
import { main } from './main';

// A reader that stops early (`vhost-user-k8s check spec.yaml | head`) closes the
// pipe: the rest of the output has nowhere to go, which is no fault to report
// with a stack trace. The run goes on to its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      process.exit(2);
    }
  });
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
