// Starts the bundled language server; all analysis happens there.
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

// The client lives between activate and deactivate; VS Code gives deactivate no context to find it in.
let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverOptions: ServerOptions = { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.ipc };
  const clientOptions: LanguageClientOptions = {
    // Any YAML may be compose: the server decides by name and content.
    documentSelector: [
      { language: 'dockercompose' },
      { language: 'yaml' },
      { scheme: 'file', pattern: '**/podman-compose.y{a,}ml' },
    ],
    synchronize: { configurationSection: 'selinuxMounts' },
  };
  // The id makes `selinuxMounts.trace.server` the trace setting.
  client = new LanguageClient('selinuxMounts', 'SELinux Mounts', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
