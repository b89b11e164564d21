// Shows a received message in a list, as text. The message came from the network, so it is never parsed as HTML.
//
// Usage:
//   socket.addEventListener('message', (event) => showMessage(list, event.data));

export function showMessage(list, text) {
  const item = document.createElement('li');
  // textContent, not innerHTML: "<img src=x onerror=…>" stays a string of characters.
  item.textContent = text;
  list.append(item);
  return item;
}
