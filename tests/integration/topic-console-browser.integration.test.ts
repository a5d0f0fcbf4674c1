import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { artifactsDir, collectPageErrors, launchChromium } from "@ecomstream/testkit";
import { Admin, Producer, stringSerializers } from "@platformatic/kafka";
import type { Browser, Page } from "playwright-core";
import { type Stack, startStack } from "./dashboard-stack.fixture.js";

describe("topic console in Chromium, against the real Kafka", () => {
  const topic = `ecom.dash-test.${randomBytes(4).toString("hex")}`;
  const group = `dash-test-group-${randomBytes(4).toString("hex")}`;
  let stack: Stack;
  let admin: Admin;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    stack = await startStack();
    const brokers = stack.config.kafka.bootstrap.split(",");
    admin = new Admin({ clientId: "dash-test", bootstrapBrokers: brokers });
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    const producer = new Producer({
      clientId: "dash-test",
      bootstrapBrokers: brokers,
      serializers: stringSerializers,
      idempotent: true, // a retried send must not write its records twice
    });
    try {
      await producer.send({
        messages: Array.from({ length: 40 }, (_, n) => ({
          topic,
          key: `sess-${n}`,
          value: JSON.stringify({ n, event_type: "page_view", session_id: `sess-${n}` }),
          partition: n % 3,
        })),
      });
    } finally {
      await producer.close();
    }
    // a consumer group that has read two records of partition 0
    await admin.alterConsumerGroupOffsets({
      groupId: group,
      topics: [{ name: topic, partitionOffsets: [{ partition: 0, offset: 2n }] }],
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    errors = collectPageErrors(page);
  });

  after(async () => {
    await browser?.close();
    await admin?.deleteGroups({ groups: [group] }).catch(() => undefined);
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.close();
    await stack?.close();
  });

  it("shows the topic's real end offsets and the group's lag", async () => {
    await page.goto(stack.consoleUrl);
    const row = page.locator(`[data-testid="topics"] tr[data-topic="${topic}"]`);
    await row.waitFor();
    const [listed] = await admin.listOffsets({
      topics: [
        { name: topic, partitions: [0, 1, 2].map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) },
      ],
    });
    const ends = new Map((listed?.partitions ?? []).map((p) => [p.partitionIndex, Number(p.offset)]));
    assert.equal(
      [...ends.values()].reduce((a, b) => a + b, 0),
      40,
    );
    for (const [partition, end] of ends) {
      assert.equal(
        Number(await row.locator(`[data-partition="${partition}"]`).getAttribute("data-end")),
        end,
      );
    }
    const consumer = page.locator(`[data-testid="consumers"] tr[data-consumer="${group}"]`);
    await consumer.waitFor();
    // positions in partition 0 only: its end minus the two records read
    assert.equal(Number(await consumer.getAttribute("data-lag")), (ends.get(0) ?? 0) - 2);
    await page.screenshot({ path: join(artifactsDir(), "topic-console.png"), fullPage: true });
  });

  it("finds a message by its key and shows its JSON pretty-printed", async () => {
    await page.selectOption('[data-testid="browse-topic"]', topic);
    await page.fill('[data-testid="browse-key"]', "sess-37");
    await page.click('[data-testid="browse-go"]');
    const found = page.locator('[data-testid="messages"] li[data-key="sess-37"]');
    await found.first().waitFor();
    const shown = await page.locator('[data-testid="messages"] li').count();
    assert.ok(shown >= 1);
    assert.equal(await found.count(), shown, "only records with that key");
    assert.match((await found.first().locator("pre").textContent()) ?? "", /\n {2}"n": 37,\n/);
    await page.screenshot({ path: join(artifactsDir(), "topic-console-message.png"), fullPage: true });
  });

  it("lists the latest N per partition", async () => {
    await page.fill('[data-testid="browse-key"]', "");
    await page.selectOption('[data-testid="browse-mode"]', "latest");
    await page.click('[data-testid="browse-go"]');
    await page.locator('[data-testid="browse-summary"]').waitFor();
    await page.waitForFunction('document.querySelectorAll("[data-testid=messages] li").length === 30');
    assert.deepEqual(errors, []);
  });
});
