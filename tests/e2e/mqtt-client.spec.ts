// The live MQTT client on its English and its Chinese page, in both engines: connect through /ws/mqtt to a real
// mosquitto, refuse a wildcard in a publish topic, subscribe, publish, and see the message and the annotated PUBLISH
// frames both ways. Labels come from the widget's text table, so a string the page leaves untranslated fails.
import { MQTT_CLIENT_TEXT } from '../../src/components/mqtt-client-text.ts';
import { expect, test } from './journey.ts';

const PAGES = [
  { path: '/comparisons/mqtt/', text: MQTT_CLIENT_TEXT.en },
  { path: '/zh-cn/comparisons/mqtt/', text: MQTT_CLIENT_TEXT['zh-CN'] },
] as const;

const hex = (text: string) => [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');

for (const { path, text } of PAGES) {
  test(`${path}: publishes to a subscribed topic through the relay and shows the real PUBLISH bytes both ways`, async ({
    driver: page,
  }) => {
    await page.goto(path);
    const connect = page.getByRole('button', { name: text.buttons.connect, exact: true });
    await expect(connect).toBeEnabled();
    // Nothing connects before the reader asks.
    expect(await page.sockets()).toEqual([]);
    await connect.click();
    await expect(page.getByRole('button', { name: text.buttons.subscribe, exact: true })).toBeEnabled({ timeout: 15_000 });
    await expect(page.getByRole('status')).toContainText('CONNACK');

    // A wildcard in a topic published to is refused before anything is sent, naming the rule.
    await page.getByLabel(text.labels.topic, { exact: true }).fill('workshop/#');
    await page.getByRole('button', { name: text.buttons.publish, exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(text.invalid.wildcardInTopic('#'));

    const topic = `workshop/${test.info().project.name}/${Date.now().toString(36)}`;
    await page.getByLabel(text.labels.filter, { exact: true }).fill(topic);
    await page.getByRole('button', { name: text.buttons.subscribe, exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(text.status.subscribed(topic, 0));

    const message = `hello ${test.info().project.name}`;
    await page.getByLabel(text.labels.topic, { exact: true }).fill(topic);
    await page.getByLabel(text.labels.message, { exact: true }).fill(message);
    await page.getByRole('button', { name: text.buttons.publish, exact: true }).click();
    await expect(page.getByRole('list', { name: text.labels.received })).toContainText(text.message(topic, message));

    // The PUBLISH the page sent and the one the broker sent back: fixed header, 2-byte topic length, topic, payload.
    const publishBytes = 2 + 2 + topic.length + message.length;
    const frames = page.getByRole('list', { name: text.labels.frames });
    await expect(frames).toContainText(text.frame(true, publishBytes, 'PUBLISH'));
    await expect(frames).toContainText(text.frame(false, publishBytes, 'PUBLISH'));
    const received = frames.getByText(text.frame(false, publishBytes, 'PUBLISH'), { exact: true });
    await received.click();
    await expect(frames.getByRole('cell', { name: hex(message), exact: true }).last()).toBeVisible();
    const topicField = `00 ${topic.length.toString(16).padStart(2, '0')} ${hex(topic)}`;
    await expect(frames.getByRole('cell', { name: topicField, exact: true }).last()).toBeVisible();
  });
}
