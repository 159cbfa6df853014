// The `vhost-user-k8s` command (bin/vhost-user-k8s requires the compiled form).
import { main } from './main';

void main(process.argv).then((code) => {
  process.exitCode = code;
});
