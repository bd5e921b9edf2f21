/**
 * Bad input on the command line (issue #7): the built binary, a fresh HOME/TMPDIR/XDG per run,
 * a real emulator on 127.0.0.1 where a token is checked. Each case: the exit code of DESIGN.md
 * "The command line", one line that says what to do, no stack trace, and no secret echoed.
 */
import {readFileSync, statSync, writeFileSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {COMMAND_SPECS, GROUPS} from '../../source/cli/commands/index.js';
import {ExitCode} from '../../source/exit-codes.js';
import {CLI, STACK_LINE, TempHome, closedPort, expectUsageLine, runCli} from './support.js';

let emu: Emulator;
const run = (args: string[], options: Parameters<typeof runCli>[2]) => runCli(CLI, args, options);
const homes: TempHome[] = [];
const home = () => {
  const created = new TempHome();
  homes.push(created);
  return created;
};

beforeAll(async () => {
  emu = await startEmulator({port: 0, rateLimit: false});
});
afterAll(async () => {
  await emu?.close();
});
afterEach(async () => {
  await Promise.all(homes.splice(0).map((h) => h.remove()));
});

describe('flags', () => {
  it('an unknown flag: one line naming it, exit 2', async () => {
    const result = await run(['--bogus'], {home: home()});
    const line = expectUsageLine(result, ExitCode.usage, /Unknown flag --bogus\./);
    expect(line).toBe('flexera-sa: Unknown flag --bogus. Run flexera-sa --help for the options.');
  });

  it('an unknown flag after a command, with a near miss suggested', async () => {
    const result = await run(['status', '--Zone', 'eu'], {home: home()});
    expectUsageLine(result, ExitCode.usage, /Unknown flag --Zone\. Did you mean --zone\?/);
    const underscore = await run(['status', '--api_url', 'http://x'], {home: home()});
    expectUsageLine(underscore, ExitCode.usage, /Did you mean --api-url\?/);
  });

  it('-h is --help: at the top, on every group and every command (the same text, exit 0)', async () => {
    const paths = [
      [],
      ...Object.keys(GROUPS).map((group) => [group]),
      ...COMMAND_SPECS.map((spec) => spec.path.split(' ')),
    ];
    for (const words of paths) {
      const [short, long] = await Promise.all([
        run([...words, '-h'], {home: home()}),
        run([...words, '--help'], {home: home()}),
      ]);
      expect({words, code: long.code, stderr: long.stderr}).toEqual({words, code: 0, stderr: ''});
      expect(long.stdout).toMatch(/Usage/);
      expect({words, code: short.code, stdout: short.stdout, stderr: short.stderr}).toEqual({
        words,
        code: 0,
        stdout: long.stdout,
        stderr: '',
      });
    }
    // A command's help lists it beside --help.
    const accounts = await run(['accounts', 'list', '--help'], {home: home()});
    expect(accounts.stdout).toMatch(/-h, --help/);
  });

  it('other short flags are unknown', async () => {
    expectUsageLine(await run(['-x'], {home: home()}), ExitCode.usage, /Unknown flag -x\./);
    expectUsageLine(
      await run(['status', '-z'], {home: home()}),
      ExitCode.usage,
      /Unknown flag -z\./,
    );
  });

  it('the value given to an unknown flag is never echoed (it may be a token)', async () => {
    const secret = 'rt-0123456789abcdef0123456789abcdef';
    const result = await run([`--token=${secret}`, 'status'], {home: home()});
    expectUsageLine(result, ExitCode.usage, /Unknown flag --token\./);
    expect(result.stderr).not.toContain(secret);
  });

  it('a flag that needs a value and has none', async () => {
    expectUsageLine(
      await run(['status', '--zone'], {home: home()}),
      ExitCode.usage,
      /--zone needs a value: one of nam, eu, apac\./,
    );
    expectUsageLine(
      await run(['--org', '--sandbox'], {home: home()}),
      ExitCode.usage,
      /--org needs a value: a numeric org id/,
    );
    expectUsageLine(
      await run(['status', '--api-url='], {home: home()}),
      ExitCode.usage,
      /--api-url needs a value: a URL such as https:\/\//,
    );
  });

  it('a flag given twice', async () => {
    expectUsageLine(
      await run(['status', '--zone', 'eu', '--zone', 'nam'], {home: home()}),
      ExitCode.usage,
      /--zone is given more than once; give it once\./,
    );
  });

  it('a flag that does not apply to the command', async () => {
    expectUsageLine(
      await run(['status', '--sandbox'], {home: home()}),
      ExitCode.usage,
      /--sandbox does not apply to "status"\./,
    );
    expectUsageLine(
      await run(['--port', '4000'], {home: home()}),
      ExitCode.usage,
      /--port does not apply to the app\./,
    );
  });

  it('--debug alone never swallows the command; a path needs --debug=PATH', async () => {
    const h = home();
    const status = await run(['--debug', 'status', '--no-keychain'], {home: h});
    // status ran (not signed in), with the debug log on.
    expect(status.code).toBe(ExitCode.notSignedIn);
    expect(status.stdout).toMatch(/token:\s+none/);
    expectUsageLine(
      await run(['--debug', '/tmp/flexera.log', 'status'], {home: home()}),
      ExitCode.usage,
      /Unknown command "\/tmp\/flexera\.log"\. To give --debug a path, write --debug=PATH\./,
    );
  });

  it('--help and --version answer wherever they are, exit 0', async () => {
    const help = await run(['status', '--no-keychain', '--help'], {home: home()});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage');
    expect(help.stdout).toContain('flexera-sa login --with-token');
    expect(help.stdout).toContain('Exit codes');
    const version = await run(['--zone', 'eu', '--version'], {home: home()});
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('commands, zones, URLs, ids, ports', () => {
  it('an unknown command lists the commands', async () => {
    expectUsageLine(
      await run(['frobnicate'], {home: home()}),
      ExitCode.usage,
      /Unknown command "frobnicate"\. The commands are login, status, logout, emulator/,
    );
  });

  it('a token pasted as the command is not echoed', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl';
    const result = await run([token], {home: home()});
    expectUsageLine(result, ExitCode.usage, /Unknown command \(an argument of \d+ characters/);
    expect(result.stderr).not.toContain(token);
  });

  it('an extra argument', async () => {
    expectUsageLine(
      await run(['status', 'now'], {home: home()}),
      ExitCode.usage,
      /Unexpected argument "now"\./,
    );
  });

  it('an unknown zone lists the zones', async () => {
    expectUsageLine(
      await run(['status', '--zone', 'mars'], {home: home()}),
      ExitCode.usage,
      /Unknown zone "mars"\. Use one of: nam, eu, apac\./,
    );
  });

  it('a zone in capitals is accepted', async () => {
    const result = await run(['status', '--zone', 'EU', '--no-keychain'], {home: home()});
    expect(result.code).toBe(ExitCode.notSignedIn);
    expect(result.stdout).toMatch(/zone:\s+EU/);
  });

  it('an invalid URL: not a URL, not http(s), with credentials in it', async () => {
    expectUsageLine(
      await run(['status', '--api-url', 'notaurl'], {home: home()}),
      ExitCode.usage,
      /--api-url is not a valid URL: "notaurl"\. Use a full URL such as https:\/\//,
    );
    expectUsageLine(
      await run(['status', '--login-url', 'ftp://x'], {home: home()}),
      ExitCode.usage,
      /--login-url must be an http:\/\/ or https:\/\/ URL, not ftp:/,
    );
    const withPassword = await run(
      ['status', '--api-url', 'https://admin:hunter2secret@api.example.com'],
      {home: home()},
    );
    expectUsageLine(withPassword, ExitCode.usage, /must not contain a user name or password/);
    expect(withPassword.stderr).not.toContain('hunter2secret');
  });

  it('an invalid URL from the environment (FLEXERA_API_URL)', async () => {
    expectUsageLine(
      await run(['status'], {home: home(), env: {FLEXERA_API_URL: 'not a url'}}),
      ExitCode.usage,
      /FLEXERA_API_URL is not a valid URL/,
    );
  });

  it('a non-numeric org id', async () => {
    for (const bad of ['abc', '0', '-5', '12ab', '1.5']) {
      expectUsageLine(
        await run(['--org', bad], {home: home()}),
        ExitCode.usage,
        new RegExp(`--org takes a numeric org id such as 1105, not "${bad.replace('.', '\\.')}"`),
      );
    }
  });

  it('a port out of range or not a number', async () => {
    for (const bad of ['99999', '65534', 'abc', '-1']) {
      expectUsageLine(
        await run(['emulator', '--port', bad], {home: home()}),
        ExitCode.usage,
        /--port takes a number from 0 to 65533/,
      );
    }
  });
});

describe('login --with-token', () => {
  const apiUrl = () => emu.zones.nam.api;

  it('login without --with-token says how to give the token', async () => {
    expectUsageLine(
      await run(['login'], {home: home()}),
      ExitCode.usage,
      /login reads the refresh token from stdin: run `flexera-sa login --with-token < token\.txt`/,
    );
  });

  it('a token given as an argument is refused and not echoed', async () => {
    const token = emu.refreshTokens.nam;
    const asArgument = await run(['login', '--with-token', token], {home: home()});
    expectUsageLine(
      asArgument,
      ExitCode.usage,
      /login takes no arguments: it reads the refresh token from stdin/,
    );
    expect(asArgument.stderr).not.toContain(token);
    const asValue = await run(['login', `--with-token=${token}`], {home: home()});
    expectUsageLine(
      asValue,
      ExitCode.usage,
      /--with-token takes no value: the token is read from stdin/,
    );
    expect(asValue.stderr).not.toContain(token);
  });

  it('an empty stdin, and a whitespace-only one', async () => {
    for (const stdin of [undefined, '', ' \n\t\r\n  ']) {
      expectUsageLine(
        await run(['login', '--with-token', '--no-keychain', '--api-url', apiUrl()], {
          home: home(),
          stdin,
        }),
        ExitCode.usage,
        /no token on stdin\. Run `flexera-sa login --with-token < token\.txt`/,
      );
    }
  });

  it('a pasted token with spaces and newlines around it is trimmed and works', async () => {
    for (const padded of [
      `  ${emu.refreshTokens.nam}\n`,
      `\n\n\t${emu.refreshTokens.nam}  \r\n\r\n`,
    ]) {
      emu.resetRequests();
      const result = await run(['login', '--with-token', '--no-keychain', '--api-url', apiUrl()], {
        home: home(),
        stdin: padded,
      });
      expect(result.code, result.stderr).toBe(ExitCode.ok);
      expect(result.stdout).toContain('The token works: user 121456');
      expect(result.stdout).toContain('It was not stored (--no-keychain)');
      expect(result.stdout + result.stderr).not.toContain(emu.refreshTokens.nam);
      // The exchange really happened against the emulator, and succeeded.
      expect(emu.requests.filter((r) => r.path === '/oidc/token' && r.status === 200)).toHaveLength(
        1,
      );
    }
  });

  it('a token with a space inside is refused before anything is sent', async () => {
    const token = emu.refreshTokens.nam;
    const split = `${token.slice(0, 10)} ${token.slice(10)}\n`;
    emu.resetRequests();
    const result = await run(['login', '--with-token', '--no-keychain', '--api-url', apiUrl()], {
      home: home(),
      stdin: split,
    });
    expectUsageLine(
      result,
      ExitCode.usage,
      /stdin holds more than one word; give only the refresh token\./,
    );
    expect(result.stderr).not.toContain(token.slice(10));
    expect(emu.requests).toHaveLength(0);
  });

  it('an oversized stdin is refused', async () => {
    const result = await run(['login', '--with-token', '--no-keychain', '--api-url', apiUrl()], {
      home: home(),
      stdin: 'x'.repeat(70 * 1024),
    });
    expectUsageLine(result, ExitCode.usage, /more than 64 KiB: that is not a refresh token/);
  });

  it('a token for another zone (EU token to NAM) is refused, exit 1, and the message points at zones', async () => {
    const euToken = emu.refreshTokens.eu;
    const result = await run(
      ['login', '--with-token', '--no-keychain', '--zone', 'nam', '--api-url', apiUrl()],
      {
        home: home(),
        stdin: `${euToken}\n`,
      },
    );
    const line = expectUsageLine(result, ExitCode.refused, /The token was refused by NAM/);
    expect(line).toMatch(/another zone/);
    expect(line).toMatch(/Nothing was stored/);
    expect(result.stderr).not.toContain(euToken);
    // The same token against the EU origin works: the hint was right.
    const eu = await run(
      ['login', '--with-token', '--no-keychain', '--zone', 'eu', '--api-url', emu.zones.eu.api],
      {
        home: home(),
        stdin: `${euToken}\n`,
      },
    );
    expect(eu.code, eu.stderr).toBe(ExitCode.ok);
    expect(eu.stdout).toMatch(/The token works: user \d+ at EU/);
  });

  it('a revoked token is refused, exit 1', async () => {
    const token = emu.issueRefreshToken('nam', emu.seed.demoUser.nam.id);
    emu.revokeRefreshToken(token);
    const result = await run(['login', '--with-token', '--no-keychain', '--api-url', apiUrl()], {
      home: home(),
      stdin: token,
    });
    expectUsageLine(
      result,
      ExitCode.refused,
      /The token was refused by NAM \(http:\/\/127\.0\.0\.1:\d+\) \(4\d\d/,
    );
    expect(result.stderr).not.toContain(token);
  });

  it('nothing listening at --api-url: a network failure, exit 4', async () => {
    const port = await closedPort();
    const result = await run(
      ['login', '--with-token', '--no-keychain', '--api-url', `http://127.0.0.1:${port}`],
      {home: home(), stdin: emu.refreshTokens.nam},
    );
    expectUsageLine(
      result,
      ExitCode.network,
      /Could not check the token: .*Check your connection or proxy/,
    );
    expect(result.stderr).not.toContain(emu.refreshTokens.nam);
  });
});

describe('a corrupt config file', () => {
  function corrupt(h: TempHome, text: string): string {
    const dir = join(h.dir, 'flexera-config');
    mkdirSync(dir);
    const file = join(dir, 'config.json');
    writeFileSync(file, text);
    return file;
  }

  it('login: names the file, says what to do, leaves it unchanged, exit 2', async () => {
    const h = home();
    const file = corrupt(h, '{not json');
    const result = await run(
      ['login', '--with-token', '--no-keychain', '--api-url', emu.zones.nam.api],
      {
        home: h,
        stdin: emu.refreshTokens.nam,
        env: {FLEXERA_SA_CONFIG_DIR: join(h.dir, 'flexera-config')},
      },
    );
    const line = expectUsageLine(result, ExitCode.usage, /The config file .* is not valid JSON/);
    expect(line).toContain(file);
    expect(line).toMatch(
      /Fix it, or delete it to start over with default preferences; flexera-sa has left it unchanged\./,
    );
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });

  it('status: says so and goes on without it (not signed in, exit 5); the file is unchanged', async () => {
    const h = home();
    const file = corrupt(h, '{not json');
    const result = await run(['status', '--no-keychain'], {
      home: h,
      env: {FLEXERA_SA_CONFIG_DIR: join(h.dir, 'flexera-config')},
    });
    expect(result.code).toBe(ExitCode.notSignedIn);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).toContain(`The config file ${file} is not valid JSON`);
    expect(result.stdout).toMatch(/token:\s+none/);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });

  it('valid JSON of the wrong shape is named too, and left unchanged', async () => {
    const h = home();
    const text = '{"schemaVersion": 1, "zone": "mars"}';
    const file = corrupt(h, text);
    const result = await run(
      ['login', '--with-token', '--no-keychain', '--api-url', emu.zones.nam.api],
      {
        home: h,
        stdin: emu.refreshTokens.nam,
        env: {FLEXERA_SA_CONFIG_DIR: join(h.dir, 'flexera-config')},
      },
    );
    const line = expectUsageLine(
      result,
      ExitCode.usage,
      /does not match what flexera-sa expects: zone/,
    );
    expect(line).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a config file from a newer flexera-sa says to upgrade', async () => {
    const h = home();
    const text = '{"schemaVersion": 999}';
    const file = corrupt(h, text);
    const result = await run(
      ['login', '--with-token', '--no-keychain', '--api-url', emu.zones.nam.api],
      {
        home: h,
        stdin: emu.refreshTokens.nam,
        env: {FLEXERA_SA_CONFIG_DIR: join(h.dir, 'flexera-config')},
      },
    );
    expectUsageLine(
      result,
      ExitCode.usage,
      /was written by a newer flexera-sa .* Upgrade flexera-sa/,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('--debug on the non-interactive commands', () => {
  it('status --debug=PATH says where the log is, and the log has the requests but no token', async () => {
    const h = home();
    const log = `${h.dir}/debug.log`;
    const token = emu.refreshTokens.nam;
    const result = await run(['status', '--debug=' + log, '--api-url', emu.zones.nam.api], {
      home: h,
      env: {FLEXERA_REFRESH_TOKEN: token},
    });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr).toContain(`debug log (secrets redacted): ${log}`);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('/oidc/token');
    expect(text).toContain('/iam/v1/refresh-tokens');
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(statSync(log).mode & 0o777).toBe(0o600);
  });
});
