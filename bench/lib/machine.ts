import { arch, availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** One line naming the hardware and runtime, printed once at the top so every figure has its context. */
export const machineLine = (): string => {
  const models = [...new Set(cpus().map((cpu) => cpu.model.trim()))];
  const cores = availableParallelism();
  const memoryGiB = totalmem() / 1024 ** 3;
  return [
    `CPU: ${models.join(' + ') || 'unknown'}`,
    `${cores} core${cores === 1 ? '' : 's'}`,
    `${memoryGiB.toFixed(1)} GiB RAM`,
    `Node ${process.version}`,
    `${platform()} ${release()} ${arch()}`,
  ].join(' · ');
};
