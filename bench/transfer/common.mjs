// What the bench:transfer processes share: sizes, the generated upload data, child arguments.
export const MiB = 1024 * 1024;
export const SIZES = [256 * MiB, 1024 * MiB];
export const DRIVERS = ['floor', 'ours'];
export const DIRECTIONS = ['upload', 'download'];
export const BLOCK_SIZE = MiB;
/** Size of each chunk handed to a request body, as a file read stream of 256 KiB would give. */
export const CHUNK_SIZE = 256 * 1024;

/** `size` bytes of generated data as Buffer chunks (one random block, sliced and repeated). */
export function* generated(size, block) {
  for (let at = 0; at < size; at += CHUNK_SIZE) {
    const offset = at % block.length;
    yield block.subarray(offset, offset + Math.min(CHUNK_SIZE, size - at));
  }
}

/** A child's arguments: driver, direction, size, server port. */
export function childArgs() {
  const [driver, direction, size, port] = process.argv.slice(2);
  if (
    !DRIVERS.includes(driver) ||
    !DIRECTIONS.includes(direction) ||
    !Number(size) ||
    !Number(port)
  ) {
    throw new Error(`usage: <${DRIVERS.join('|')}> <${DIRECTIONS.join('|')}> <bytes> <port>`);
  }
  return { driver, direction, size: Number(size), origin: `http://127.0.0.1:${port}` };
}
