import { BackupSection } from './settings/BackupSection';
import { SavedViewsSection } from './settings/SavedViewsSection';
import { SettingsForm } from './settings/SettingsForm';
import { SigningSection } from './settings/SigningSection';

/** Sources, accounts and rules the app uses (stored with the app; env variables still override), backups, the signing key and the saved views. */
export function SettingsPage() {
  return (
    <section className="page" aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
        <p>Stored with the app; an environment variable overrides a stored value. Every change is recorded in the audit log.</p>
      </div>
      <SettingsForm />
      <BackupSection />
      <SigningSection />
      <SavedViewsSection />
    </section>
  );
}
