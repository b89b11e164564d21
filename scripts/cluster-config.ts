// Writes the nginx config for a local demo server cluster; examples/production/nginx-cluster.conf is its output for three nodes.

export interface ClusterNode {
  /** DEMO_NODE_NAME: also the name of the node's own upstream, and the prefix of the race ids it makes. */
  name: string;
  port: number;
}

export interface ClusterLayout {
  /** The one port readers use. */
  listenPort: number;
  nodes: ClusterNode[];
}

/** The layout of the example file: nginx on 8080, nodes on 8081 and up. */
export function defaultLayout(count = 3, listenPort = 8080): ClusterLayout {
  return { listenPort, nodes: Array.from({ length: count }, (_, i) => ({ name: `node-${i + 1}`, port: listenPort + 1 + i })) };
}

/**
 * Paths are relative to nginx's prefix (`nginx -p <dir>`), so the same file runs for the cluster script, the test
 * and a reader, each in a directory of its own, and nginx needs no root.
 */
export function clusterNginxConfig({ listenPort, nodes }: ClusterLayout): string {
  const each = (line: (node: ClusterNode) => string) => nodes.map((node) => `        ${line(node)}`).join('\n');
  return `# nginx in front of a demo server cluster (npm run cluster): connections and requests spread over the nodes,
# and every request of a transport race sent to the node that started it.
# Written by scripts/cluster-config.ts; tests/server/cluster-proxy.test.ts checks this file and runs it.
worker_processes 1;
pid nginx.pid;
error_log stderr;

events {
    worker_connections 4096;
}

http {
    access_log off;
    client_body_temp_path client_body;
    proxy_temp_path proxy;
    fastcgi_temp_path fastcgi;
    uwsgi_temp_path uwsgi;
    scgi_temp_path scgi;

    # A request that asks for an upgrade gets "Connection: upgrade"; any other gets "Connection: close".
    map $http_upgrade $connection_upgrade {
        default upgrade;
        ''      close;
    }

    # Any node will do for a new WebSocket, a page or a new race: round robin. A node that refuses the TCP
    # connection (it died) is skipped, and tried again after fail_timeout.
    upstream cluster {
${each((node) => `server 127.0.0.1:${node.port} max_fails=1 fail_timeout=2s;`)}
    }

${nodes.map((node) => `    upstream ${node.name} {\n        server 127.0.0.1:${node.port};\n    }`).join('\n\n')}

    # A race lives on the node that started it, and its id says which ("node-2.Zk3…"). The requests that carry it,
    # as ?run= or in the report's path, go there; nothing else needs to stick. Only known names are matched, so a
    # made-up id falls back to round robin (and gets the node's 404), never to a host nginx would look up.
    map $arg_run $node_of_run_query {
${each((node) => `"~^${node.name}\\." ${node.name};`)}
        default cluster;
    }

    # The same for a reader's Stop this node (the node offers it only to loopback readers): the path names the node.
    map $uri $node_of_run {
${each((node) => `"~^/race/runs/${node.name}\\." ${node.name};`)}
${each((node) => `"/cluster/stop/${node.name}" ${node.name};`)}
        default $node_of_run_query;
    }

    server {
        listen 127.0.0.1:${listenPort};

        location / {
            proxy_pass http://$node_of_run;

            # As in nginx.conf: WebSocket needs HTTP/1.1 and the hop-by-hop Upgrade and Connection passed on.
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;

            # A dead node is noticed at connect time: a second later nginx tries the next one.
            proxy_connect_timeout 1s;
            proxy_read_timeout 60s;
        }
    }
}
`;
}
