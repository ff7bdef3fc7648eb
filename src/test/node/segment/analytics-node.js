// @segment/analytics-node, unmodified, pointed at Cueflow by its `host` option (through proxy.js,
// which turns the first answer into a 503 so that the SDK retries). Prints what the proxy saw.
'use strict';
const { Analytics } = require('@segment/analytics-node');
const proxy = require('./proxy');

async function main() {
  const front = await proxy.start(process.env.CUEFLOW_URL, { failFirst: true });
  const analytics = new Analytics({ writeKey: process.env.CUEFLOW_KEY, host: front.url, flushAt: 4, flushInterval: 200, maxRetries: 5 });
  const errors = [];
  analytics.on('error', (e) => errors.push(String(e.reason || e)));

  analytics.track({ anonymousId: 'node-anon', event: 'Pricing Viewed', properties: { plan: 'pro' } });
  analytics.page({ anonymousId: 'node-anon', name: 'Pricing', properties: { url: 'https://app.example.com/pricing', path: '/pricing' } });
  analytics.identify({ userId: 'node-user', anonymousId: 'node-anon',
    traits: { email: 'node@example.com', firstName: 'Node', lastName: 'User', plan: 'pro', company: { name: 'Acme' } } });
  analytics.track({ userId: 'node-user', event: 'Order Completed',
    properties: { revenue: 42.5, currency: 'EUR', products: [{ sku: 'a-1' }], shipping: { method: 'express' } } });
  await analytics.closeAndFlush({ timeout: 20000 });
  await front.close();
  console.log(JSON.stringify({ statuses: front.statuses, errors }));
}

main().catch((e) => { console.error(e); process.exit(1); });
