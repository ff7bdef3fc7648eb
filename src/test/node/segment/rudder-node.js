// @rudderstack/rudder-sdk-node, unmodified, pointed at Cueflow by its `dataPlaneUrl` option (it
// gzips its batches by default). Prints what the proxy saw.
'use strict';
const Analytics = require('@rudderstack/rudder-sdk-node');
const proxy = require('./proxy');

async function main() {
  const front = await proxy.start(process.env.CUEFLOW_URL);
  const client = new Analytics(process.env.CUEFLOW_KEY, { dataPlaneUrl: front.url, flushAt: 10, flushInterval: 200, logLevel: 'error' });

  client.track({ anonymousId: 'rudder-anon', event: 'Pricing Viewed', properties: { plan: 'team' } });
  client.page({ anonymousId: 'rudder-anon', name: 'Pricing', properties: { url: 'https://app.example.com/pricing', path: '/pricing' } });
  client.identify({ userId: 'rudder-user', anonymousId: 'rudder-anon', traits: { email: 'rudder@example.com', name: 'Rudder User', plan: 'team' } });
  client.track({ userId: 'rudder-user', event: 'Order Completed', properties: { revenue: 10, currency: 'USD', coupon: null } });
  await new Promise((resolve, reject) => client.flush((err) => (err ? reject(err) : resolve())));
  await front.close();
  console.log(JSON.stringify({ statuses: front.statuses }));
}

main().catch((e) => { console.error(e); process.exit(1); });
