// A certificate for 127.0.0.1, made by openssl for one test run, for an https mirror on loopback.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface LoopbackCertificate {
  key: string
  cert: string
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  certPath: string
}

/** Writes key.pem and cert.pem into `dir`. */
export function loopbackCertificate(dir: string): LoopbackCertificate {
  const [keyPath, certPath] = [join(dir, 'key.pem'), join(dir, 'cert.pem')]
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'])
      .concat(['-keyout', keyPath, '-out', certPath]),
    { stdio: 'ignore' }
  )
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath }
}
