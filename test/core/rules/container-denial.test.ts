import { ruleTester } from '../../helpers/ruleTester';

const avc = (scontext: string, tcontext: string, extra = 'tclass=dir permissive=0', perms = 'write'): string =>
  `type=AVC msg=audit(1700000000.123:456): avc:  denied  { ${perms} } for  pid=8881 comm="touch" name="haproxy" dev="sda1" ino=655362 scontext=${scontext} tcontext=${tcontext} ${extra}\n`;
const span = (line: string): string => line.slice(line.indexOf('avc:')).replace(/\n$/, '');

const te = avc('system_u:system_r:container_t:s0:c324,c837', 'unconfined_u:object_r:default_t:s0');
const mcs = avc('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_file_t:s0:c3,c4', 'tclass=file permissive=0', 'read');
const socket = avc('system_u:system_r:container_t:s0:c1,c2', 'system_u:system_r:container_runtime_t:s0', 'tclass=unix_stream_socket permissive=0', 'connectto');

ruleTester('container-denial', {
  fileName: 'audit.log',
  valid: [
    avc('system_u:system_r:httpd_t:s0', 'unconfined_u:object_r:user_home_t:s0'),
    te.replace('denied', 'granted'),
    'type=SYSCALL msg=audit(1700000000.123:456): arch=c000003e syscall=2 success=no exit=-13 comm="touch"\n',
  ],
  invalid: [
    { code: te, messageId: 'type-enforcement', range: span(te) },
    { code: mcs, messageId: 'mcs', range: span(mcs) },
    { code: socket, messageId: 'engine-socket', range: span(socket) },
  ],
});
