// Writes schemas/<kind>.schema.json from the built @mailroom/connector-config (run `pnpm build` first), so that
// editors validate and complete the sample files through their "$schema" field. The example's test fails when a
// committed schema is stale.
import { writeFileSync } from 'node:fs';
import { CONNECTOR_KINDS, connectorJsonSchema } from '@mailroom/connector-config';

for (const kind of CONNECTOR_KINDS) {
  const url = new URL(`../schemas/${kind}.schema.json`, import.meta.url);
  writeFileSync(url, `${JSON.stringify(connectorJsonSchema(kind), null, 2)}\n`);
  console.log(`wrote schemas/${kind}.schema.json`);
}
