/**
 * Replaces dockerfile-language-service's DockerRegistryClient in the bundle (see scripts/build.mjs): the
 * original asks Docker Hub for tags while completing a FROM line, and Shipshape never goes on the network.
 */
export class DockerRegistryClient {
  constructor(logger?: unknown) {
    void logger;
  }

  getTags(image: string, prefix?: string): Promise<string[]> {
    void image;
    void prefix;
    return Promise.resolve([]);
  }
}
