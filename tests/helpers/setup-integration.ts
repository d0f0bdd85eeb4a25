// Booting Strapi takes a few seconds; individual tests stay well under this.
jest.setTimeout(60_000);
