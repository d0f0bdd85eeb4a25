// The provider-down run's setup (issue 25): boots the compiled Strapi app in this process (not listening) and does
// what an owner does in the setup wizard, through the provider plugin's own services as the integration tests do:
// connects the Twilio account (the fake Twilio's address as the API base, the bench node's as the webhooks' base)
// and finishes setup, so sends to clients open on it.
// Usage: node bench/provider-setup.cjs <plan.json>   (plan: fakeUrl, accountSid, authToken, nodeUrl, frontDesk)
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { createStrapi } = require('@strapi/strapi');

async function main() {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const appDir = path.resolve(__dirname, '../cms');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const owner = await strapi.db.query('admin::user').findOne({ where: { email: 'owner@demo.test' } });
    if (!owner) throw new Error('the demo Owner is missing; the bench node seeds the demo organisation');
    const actor = { id: owner.id, displayName: `${owner.firstname} ${owner.lastname}` };
    const provider = strapi.plugin('provider');
    const connected = await provider
      .service('settings')
      .connectTwilio({ accountSid: plan.accountSid, authToken: plan.authToken, apiBaseUrl: plan.fakeUrl, webhookBaseUrl: plan.nodeUrl, frontDeskNumber: plan.frontDesk }, actor);
    if (!connected.connected) throw new Error(`the fake Twilio account did not connect: ${JSON.stringify(connected.check.problems)}`);
    await provider.service('readiness').complete(actor);
  } finally {
    await strapi.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
