// A simulator that speaks HTTPS, as real shops do: a certificate made at start for the loopback names, which a test
// hands its client as the one authority to trust (nothing switches verification off).
import { generate } from 'selfsigned';

export interface SimulatorCertificate {
  /** PEM: the certificate, which is also its own authority. */
  cert: string;
  key: string;
}

/** A self-signed certificate for 127.0.0.1, ::1 and localhost, valid for a day. */
export async function loopbackCertificate(): Promise<SimulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
